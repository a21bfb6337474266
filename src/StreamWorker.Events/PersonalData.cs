using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>
/// Applies <c>Privacy:PersonalData</c> to the payload fields that hold personal data (docs/http-api.md).
/// Only top-level payload fields are looked at: that is where the platform puts them.
/// </summary>
internal sealed class PersonalData(PersonalDataMode mode, byte[] hashKey)
{
    private const string Prefix = "hmac-sha256:";

    public static bool IsPersonal(string name) => name is PayloadFieldNames.PhoneNumber or PayloadFieldNames.MeetingUrl;

    /// <summary>
    /// <c>"hmac-sha256:&lt;lowercase hex&gt;"</c> of the value keyed with the hash key: of a string's text,
    /// of any other value's JSON text; null for a JSON null (nothing to hide).
    /// </summary>
    public string? Pseudonym(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes(text), mac);
        return string.Create(Prefix.Length + (2 * mac.Length), mac, static (chars, bytes) =>
        {
            Prefix.CopyTo(chars);
            Convert.TryToHexStringLower(bytes, chars[Prefix.Length..], out _);
        });
    }

    /// <summary>Writes the property as the configured mode stores it, or nothing for <see cref="PersonalDataMode.Drop"/>.</summary>
    public void WriteStored(Utf8JsonWriter writer, string name, JsonElement value, string? pseudonym)
    {
        switch (mode)
        {
            case PersonalDataMode.Keep:
                writer.WritePropertyName(name);
                value.WriteTo(writer);
                break;
            case PersonalDataMode.Hash:
                writer.WriteString(name, pseudonym);
                break;
            case PersonalDataMode.Drop:
            default:
                break;
        }
    }
}
