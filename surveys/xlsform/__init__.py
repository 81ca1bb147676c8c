"""XLSForm in and out: the questionnaire format of KoboToolbox, ODK and SurveyCTO.

``reading`` turns a workbook into a draft survey (refusing, row by row, what our surveys cannot express) and
``writing`` turns a survey into a workbook that ``pyxform`` converts. Columns named ``suara_*`` carry what XLSForm
has no column for (our question type, texts for younger children, "prefer not to say"); other tools ignore them.
"""

#: The language columns we write and read first; other spellings of the two languages are read too.
LANGUAGES = {"id": "Indonesian (id)", "en": "English (en)"}
#: A choice list with this prefix stands for a type's default scale (no choices of its own).
DEFAULT_LIST_PREFIX = "bawaan_"
