"""How a wording becomes the files: edits that drafters and laws trust.

Below every feature that writes (drafting, import, review, amend): the files being edited and an
edit (``texts``), YAML values (``front_matter``), the structure (``structure``), numbers and the
wordings that cite them (``renumber``), `kodeks fmt` (``fmt``), a printed line as Markdown
(``as_markdown``), a paragraph rewritten in place (``paragraphs``) and an amending law's word
change carried out (``word_change``).
"""
