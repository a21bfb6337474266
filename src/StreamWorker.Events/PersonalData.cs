using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>
/// Applies <c>Privacy:PersonalData</c> to the payload fields that hold personal data (contract section 1).
/// Only top-level payload fields are looked at: that is where the platform puts them.
/// </summary>
internal sealed class PersonalData(PersonalDataMode mode, byte[] hashKey)
{
    private const string Prefix = "hmac-sha256:";

    public static bool IsPersonal(JsonProperty property) =>
        property.NameEquals("phone_number"u8) || property.NameEquals("meeting_url"u8);

    /// <summary>Writes the property as the configured mode stores it (or not at all for <see cref="PersonalDataMode.Drop"/>).</summary>
    public void WriteStored(Utf8JsonWriter writer, JsonProperty property)
    {
        switch (mode)
        {
            case PersonalDataMode.Keep:
                property.WriteTo(writer);
                break;
            case PersonalDataMode.Hash:
                writer.WritePropertyName(property.Name);
                WritePseudonym(writer, property.Value);
                break;
            case PersonalDataMode.Drop:
            default:
                break;
        }
    }

    /// <summary>
    /// <c>"hmac-sha256:&lt;hex&gt;"</c> of the value: a string's text, any other value's JSON text; null stays null.
    /// </summary>
    public void WritePseudonym(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            writer.WriteNullValue();
            return;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes(text), mac);

        Span<char> pseudonym = stackalloc char[Prefix.Length + (2 * HMACSHA256.HashSizeInBytes)];
        Prefix.CopyTo(pseudonym);
        Convert.TryToHexStringLower(mac, pseudonym[Prefix.Length..], out _);
        writer.WriteStringValue(pseudonym);
    }
}
