"""Batch runs: the same Pipeline on many processes or machines (``batch.dask``)."""
