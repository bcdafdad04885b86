"""Synthetic IMR final determination letters, with their truth, for tests and benchmarks.

`python -m synth.generate OUT_DIR --letters N` writes a corpus (generate); a letter's fields and prose
are drawn (letter, items, text) from plain-data pools (vocab_pool, vocab_rationale, vocab_summary)
and laid out as pypdfium2 extracts the published PDFs, or as a PDF (layout). Never imports indexer:
the letters are made without the parser they test.
"""
