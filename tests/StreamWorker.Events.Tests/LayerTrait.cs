// Every test of this project is of one layer (see README, "Tests"): no broker, child process or socket.
[assembly: AssemblyTrait("Layer", "Unit")]
