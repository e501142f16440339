"""The membership cues a company is read after, as :mod:`builder.extract.company` scans
them: each a pattern, the rank it gives her (5 principal ... 1 a member; 4 a principal
guest), and whether it counts with no company named (then for her current one).
"""

from __future__ import annotations

from builder.extract.text import word_cues

# Ordered: at one position the first alternative wins ("principal guest" before "principal").
CUES: tuple[tuple[str, int, bool], ...] = (
    # (pattern, rank, counts without a named company i.e. for her current company)
    (r"principal\s+guest(?:\s+artist)?", 4, False),
    # "a guest principal with the Royal Danish Ballet", "guest étoile": a principal guest.
    (r"guest\s+(?:principal|[ée]toile|prima\s+ballerina)", 4, False),
    (r"(?:lead|leading|senior)\s+principal", 5, True),
    (r"principal(?:\s+dancer|\s+ballerina|\s+artist)?", 5, True),
    (r"primera\s+bailarina|primeira\s+bailarina|solodanserinde", 5, True),
    (r"[ée]toile", 5, True),
    (r"prima\s+ballerina(?:\s+assoluta)?", 5, True),
    (r"lead(?:ing)?\s+(?:dancer|ballerina)", 5, True),
    (r"(?:the|a)\s+(?:lead|leading|title)\s+role", 5, False),
    (r"leading\s+soloist", 5, True),
    (r"first\s+soloist|premi[èe]re\s+danseuse|premier\s+danseur", 3, True),
    (r"grand\s+sujet|sujet", 2, True),
    (r"(?:second\s+|demi-)?soloist", 2, True),
    (r"coryph[ée]e", 2, True),
    # The Royal Ballet's and English National Ballet's ranks: "a First Artist of The Royal
    # Ballet", "an artist of English National Ballet" (a guest artist is no member).
    (r"first\s+artist\s+(?:of|with|at)", 2, False),
    (r"(?<!guest\s)(?<!visiting\s)(?<!make-up\s)artist\s+(?:of|with|at)", 1, False),
    (r"corps(?:\s+de\s+ballet)?", 1, False),
    (r"apprentice|trainee", 1, False),
    (
        r"join(?:ed|s|ing)?|member|contract|hired|engaged(?!\s+to\b)|signed\s+with|"
        r"(?:taken|accepted)\s+into|transferred\s+to|moved\s+to|current\s+group|left",
        1,
        False,
    ),
    (r"(?:spot|place|position)\s+(?:in|with)", 1, False),
    (r"(?:dancer|ballerina)\s+(?:with|for|of|at|in)", 1, False),
    (r"(?:danc|perform)(?:ed|es|s|ing)\s+(?:with|for)", 1, False),
    (r"rose\s+through|promoted", 1, False),
    # "spent two seasons with the Ballet de Marseille", "spent her early career at X".
    (r"spent\s+(?:[\w-]+\s+){0,3}?(?:seasons?|years?|career)\s+(?:with|at|in)", 1, False),
    # "Her career began at the Shanghai Ballet, where she danced ...".
    (r"career\s+(?:began|started)\s+(?:at|with|in)", 1, False),
    # "after eight years with Northern Ballet", "her ten seasons at X" (a cue starts with
    # one of the letters below: "years with" would make every "y" a place to try).
    (r"after\s+(?:[\w-]+\s+){0,2}?(?:years?|seasons?|decades?)\s+(?:with|at)", 1, False),
    (r"(?:seasons?|decades?)\s+(?:with|at)", 1, False),
    # "moved from the Kirov to the Bolshoi", "defected from X" (she was in X first).
    (r"(?:moved|transferred|switched|defected|came)\s+from", 1, False),
    # "switched to X", "returned to X", "rejoined X".
    (r"switched\s+to|returned\s+to|came\s+back\s+to|re-?joined", 1, False),
    # "Her first engagement was with X" (not a guest engagement).
    (r"(?<!guest\s)engagements?\s+(?:was\s+|were\s+)?(?:with|at)", 1, False),
)
# One word boundary in front of all the cues, not one per cue: most positions are inside
# a word, and then a single test rules them all out.
CUE_PATTERN = word_cues("|".join(rf"({pattern})\b" for pattern, _, _ in CUES), "abcdeéfghjlmprst")
# Every cue that counts without a named company holds one of these words (lower-case, as
# ``may_hold`` reads them; tests/test_cue_patterns.py checks it): in a sentence naming no
# company, only such a cue can give a claim, so a sentence holding none of them is not
# scanned at all.
RANK_WORDS = (
    "principal",
    "primera",
    "primeira",
    "solodanserinde",
    "toile",
    "prima",
    "lead",
    "soloist",
    "premi",
    "sujet",
    "coryph",
)
