namespace StreamWorker.Simulator.Generation;

/// <summary>Draws used by the traffic model; all from one seeded <see cref="Random"/> so that a seed fixes the traffic.</summary>
internal static class RandomExtensions
{
    /// <summary>A value in [min, max); min when the range is empty.</summary>
    public static long Between(this Random random, long min, long max) =>
        max <= min ? min : min + (long)(random.NextDouble() * (max - min));

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<(T Value, int Weight)> choices)
    {
        var total = 0;
        foreach (var choice in choices)
        {
            total += choice.Weight;
        }

        var draw = random.Next(total);
        foreach (var (value, weight) in choices)
        {
            if (draw < weight)
            {
                return value;
            }

            draw -= weight;
        }

        return choices[^1].Value;
    }
}
