"""The site: stories -> taxonomy -> Markdown pages (Jinja2 templates)."""
