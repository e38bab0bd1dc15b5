"""Build stages of the annotated Chinese→English reader.

Each module is one stage, plain Python with no MkDocs import:

- ``sources``   load and validate ``glossary.yaml`` and ``texts/<slug>/``
- ``segment``   cut Chinese into words with jieba (glossary-aware)
- ``lookup``    pinyin, English and HSK level for every word
- ``annotate``  turn segmented paragraphs into escaped HTML
- ``corpus``    annotate every article once (vocabulary, notes, occurrences)
- ``pages``     whole pages (Markdown + HTML) from the corpus (``deferral``: HTML kept out of Markdown)
- ``downloads`` the vocabulary CSV and Anki deck from the corpus

``scripts/hook.py`` wires them to MkDocs events.
"""
