using System.Globalization;
using System.Text;

namespace StreamWorker.Tests.Support;

/// <summary>
/// A deterministic stream of hostile webhook bodies: valid envelopes mutated byte by byte, truncated JSON, deep
/// nesting, huge strings and numbers, wrong types, duplicate keys, NUL bytes and invalid UTF-8, raw noise.
/// </summary>
public sealed class HostileBodies(int seed)
{
    private static readonly string[] EventNames = [.. WebhookSamples.Payloads.Keys];
    private readonly Random _random = new(seed);

    private const int Kinds = 14;

    public IEnumerable<(string Kind, byte[] Body)> Take(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Next(i % Kinds);
        }
    }

    private (string Kind, byte[] Body) Next(int kind) => kind switch
    {
        0 => ("valid", Utf8(ValidEnvelope())),
        1 => ("byte_mutation", MutateBytes(Utf8(ValidEnvelope()))),
        2 => ("truncated", Truncate(Utf8(ValidEnvelope()))),
        3 => ("deep_nesting_body", Utf8(DeepNesting(_random.Next(65, 30_000)))),
        4 => ("deep_nesting_payload", Utf8(Envelope(Quote(DeepNesting(_random.Next(65, 3_000)))))),
        5 => ("huge_string", Utf8(HugeString())),
        6 => ("wrong_types", Utf8(WrongTypes())),
        7 => ("payload_wrong_types", Utf8(PayloadWrongTypes())),
        8 => ("huge_numbers", Utf8(HugeNumbers())),
        9 => ("duplicate_keys", Utf8(DuplicateKeys())),
        10 => ("nul_bytes", NulBytes()),
        11 => ("invalid_utf8", InvalidUtf8()),
        12 => ("unknown_event", Utf8(Envelope(Quote("{\"x\":" + _random.Next() + "}"), "evt_" + _random.Next(1000)))),
        _ => ("noise", Noise()),
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Quote(string json) => System.Text.Json.JsonSerializer.Serialize(json, StringJson.Default.String);

    private string Timestamp() => DateTimeOffset.UtcNow.AddSeconds(-_random.Next(0, 3600)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private string Envelope(string payloadJson, string? eventName = null) =>
        $"{{\"event\":\"{eventName ?? EventNames[_random.Next(EventNames.Length)]}\",\"payload\":{payloadJson},\"timestamp\":\"{Timestamp()}\"}}";

    private string ValidEnvelope()
    {
        var name = EventNames[_random.Next(EventNames.Length)];
        var payload = WebhookSamples.Payloads[name].Replace("61803", _random.Next(1, 1_000_000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return Envelope(Quote(payload), name);
    }

    private byte[] MutateBytes(byte[] body)
    {
        var bytes = new List<byte>(body);
        var edits = _random.Next(1, 6);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = _random.Next(bytes.Count);
            switch (_random.Next(3))
            {
                case 0: bytes[at] = (byte)_random.Next(256); break;
                case 1: bytes.Insert(at, (byte)_random.Next(256)); break;
                default: bytes.RemoveAt(at); break;
            }
        }

        return [.. bytes];
    }

    private byte[] Truncate(byte[] body) => body[.._random.Next(0, body.Length)];

    private string DeepNesting(int depth) => _random.Next(2) == 0
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private string HugeString()
    {
        // Around the 64 KiB body limit: some just under (parsed), some over (413).
        var length = _random.Next(30_000, 80_000);
        var filler = new string((char)('a' + _random.Next(26)), length);
        return _random.Next(3) switch
        {
            0 => Envelope(Quote("{\"host_id\":1,\"company_id\":2,\"conference_id\":3,\"meeting_url\":\"" + filler + "\"}")),
            1 => $"{{\"event\":\"{filler}\",\"payload\":\"{{}}\",\"timestamp\":\"{Timestamp()}\"}}",
            _ => Envelope(Quote("{}")).Replace("\"timestamp\":\"", "\"timestamp\":\"" + filler, StringComparison.Ordinal),
        };
    }

    private string WrongTypes()
    {
        string[] values = ["null", "true", "1", "-1.5e3", "[]", "{}", "\"\"", "[1,2,3]", "{\"a\":1}"];
        string Pick() => values[_random.Next(values.Length)];
        return _random.Next(4) switch
        {
            0 => $"{{\"event\":{Pick()},\"payload\":\"{{}}\",\"timestamp\":\"{Timestamp()}\"}}",
            1 => $"{{\"event\":\"conference_start\",\"payload\":{Pick()},\"timestamp\":\"{Timestamp()}\"}}",
            2 => $"{{\"event\":\"conference_start\",\"payload\":\"{{}}\",\"timestamp\":{Pick()}}}",
            _ => Pick(),
        };
    }

    private string PayloadWrongTypes()
    {
        var name = EventNames[_random.Next(EventNames.Length)];
        string[] values = ["null", "true", "\"abc\"", "-7", "1.5", "[]", "{}", "\"99999999999999999999\"", "\"\""];
        var payload = System.Text.Json.Nodes.JsonNode.Parse(WebhookSamples.Payloads[name])!.AsObject();
        foreach (var field in payload.Select(p => p.Key).ToList())
        {
            if (_random.Next(3) == 0)
            {
                payload[field] = System.Text.Json.Nodes.JsonNode.Parse(values[_random.Next(values.Length)]);
            }
        }

        return Envelope(Quote(payload.ToJsonString()), name);
    }

    private string HugeNumbers()
    {
        string[] numbers = ["1e999999", "-1e999999", "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809",
            "0.000000000000000000000000000000001", "1" + new string('0', 5000), "-0", "1E+308", "4.9e-324"];
        var number = numbers[_random.Next(numbers.Length)];
        return _random.Next(2) == 0
            ? Envelope(Quote($"{{\"host_id\":{number},\"company_id\":{number},\"conference_id\":{number},\"participant_id\":{number}}}"), "enter_conference")
            : $"{{\"event\":\"conference_start\",\"payload\":\"{{}}\",\"timestamp\":{number}}}";
    }

    private string DuplicateKeys() => _random.Next(3) switch
    {
        0 => $"{{\"event\":\"conference_start\",\"event\":\"conference_end\",\"payload\":{Quote(WebhookSamples.Payloads["conference_start"])},\"timestamp\":\"{Timestamp()}\"}}",
        1 => Envelope(Quote("{\"host_id\":1,\"host_id\":2,\"company_id\":3,\"conference_id\":4,\"conference_id\":\"x\"}"), "conference_start"),
        _ => $"{{\"event\":\"conference_start\",\"payload\":\"{{}}\",\"payload\":{Quote(WebhookSamples.Payloads["conference_start"])},\"timestamp\":\"{Timestamp()}\",\"timestamp\":\"{Timestamp()}\"}}",
    };

    private byte[] NulBytes()
    {
        if (_random.Next(2) == 0)
        {
            // Escaped NUL inside strings: valid JSON.
            return Utf8(Envelope(Quote("{\"host_id\":1,\"company_id\":2,\"conference_id\":3,\"meeting_url\":\"a\\u0000b\"}"), "conference_start\\u0000"));
        }

        var body = Utf8(ValidEnvelope());
        body[_random.Next(body.Length)] = 0;
        return body;
    }

    private byte[] InvalidUtf8()
    {
        byte[][] invalid = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82]];
        var envelope = Utf8(ValidEnvelope());
        var insideString = Array.IndexOf(envelope, (byte)'"', 2) + 1;
        var at = _random.Next(2) == 0 ? insideString : _random.Next(envelope.Length);
        return [.. envelope[..at], .. invalid[_random.Next(invalid.Length)], .. envelope[at..]];
    }

    private byte[] Noise()
    {
        var body = new byte[_random.Next(0, 2048)];
        _random.NextBytes(body);
        return body;
    }
}
