"""The jobs of the main screen (``screens/main.py``), one module each.

Jobs with state of their own are helper objects the screen owns
(``loading.CorpusLoader`` as ``screen.loader``, ``read_marks.ReadMarks`` as
``screen.marks``); jobs that are a group of keys are mixin bases of the
screen, so that Textual finds their ``action_*`` methods on it (``panes``,
``bars``, ``fact_walk``, ``overlays``, ``export_copy``).  Handlers made with
``@on`` stay on the screen's own class: Textual collects them only there.
"""
