// Every test of this project is of one layer (see README, "Tests"): it starts an embedded broker.
[assembly: AssemblyTrait("Layer", "Integration")]
