"""Registry upkeep: the tools that keep the data honest (validate, audit, diff, export, and the foreign
formats import and audit read). They read the registry through `modelpick.registry`, which imports nothing
from here."""
