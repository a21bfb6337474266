using System.Globalization;
using System.Reflection;
using Confluent.Kafka;
using Streamiz.Kafka.Net;

namespace StreamWorker.Topology;

/// <summary>
/// Copies librdkafka properties (<c>Kafka:Client:*</c>, all strings) into a Streamiz configuration.
/// Streamiz maps known keys onto typed properties (<c>security.protocol</c> is an enum there), so a value is
/// first parsed the way Confluent.Kafka parses it, through the client configuration's property of the same name.
/// </summary>
public static class StreamClientProperties
{
    private static readonly Type[] ConfluentConfigs = [typeof(ConsumerConfig), typeof(ProducerConfig), typeof(AdminClientConfig)];

    public static void Apply(StreamConfig config, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(properties);
        foreach (var (key, value) in properties)
        {
            try
            {
                config.AddConfig(key, value);
            }
            catch (ArgumentException)
            {
                config.AddConfig(key, Typed(key, value) ?? throw new ArgumentException($"Kafka:Client:{key} has a value Streamiz cannot take", nameof(properties)));
            }
        }
    }

    private static object? Typed(string key, string value)
    {
        var name = string.Concat(key.Split('.').Select(part => part.Length == 0 ? part : char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
        foreach (var type in ConfluentConfigs)
        {
            if (type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is not { } property) continue;
            var client = (ClientConfig)Activator.CreateInstance(type)!;
            client.Set(key, value);
            return property.GetValue(client);
        }

        return null;
    }
}
