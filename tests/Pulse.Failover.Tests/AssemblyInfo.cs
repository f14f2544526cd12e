// Each test runs a PostgreSQL and several silo processes: on 2 cores, one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
