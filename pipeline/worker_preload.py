"""Imported once by the forkserver that starts extraction workers (local pool and Dask LocalCluster).

Loading the gazetteer and knowledge base here, before any worker exists, means every worker forked
from the server starts with them in memory instead of importing pandas and building them itself:
about a second less per worker, which is most of a small run's parallel overhead.
"""

from pipeline.engines import _init_worker

_init_worker()
