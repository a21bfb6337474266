namespace StreamWorker.Tests.Support;

/// <summary>
/// Base of the reliability tests that time and measure StreamWorker under faults and load: Integration layer,
/// Reliability category, one at a time in <see cref="ReliabilityGroup"/>. xUnit reads these attributes from the base.
/// </summary>
[Collection(ReliabilityGroup.Name)]
[Trait("Layer", "Integration")]
[Trait("Category", "Reliability")]
public abstract class ReliabilityTest;
