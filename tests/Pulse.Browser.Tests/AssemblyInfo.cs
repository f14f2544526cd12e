// One silo, one Chromium and the measured latency share two cores: the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
