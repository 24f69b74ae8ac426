"""Writes for boards and meetings, one module per area; import the module you need
(``from alongside.governance.services import motions``)."""
