"""The anthology as a book: its reading order and its EPUB 3 edition."""
