// The scenarios kill and load whole processes on a shared machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
