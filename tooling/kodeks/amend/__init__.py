"""Amending laws: written from two revisions of a text in force (``write``, with ``parity`` so the
two versions say the same thing), and applied back to the files (``apply``, on ``edit``). Both
name units as the law does (``units``)."""
