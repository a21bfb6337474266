using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>
/// A payload object with its documented fields checked: the errors found, and the identifiers
/// that were valid, normalised to integers. An unknown event has no documented fields.
/// </summary>
internal sealed class CheckedPayload
{
    private readonly PayloadField[] fields;
    private readonly long?[] identifiers;

    private CheckedPayload(JsonElement root, PayloadField[] fields, long?[] identifiers, List<FieldError> errors)
    {
        Root = root;
        this.fields = fields;
        this.identifiers = identifiers;
        Errors = errors;
    }

    public JsonElement Root { get; }

    public List<FieldError> Errors { get; }

    public static CheckedPayload Unchecked(JsonElement root) => new(root, [], [], []);

    public static CheckedPayload Check(JsonElement root, PayloadField[] fields)
    {
        var errors = new List<FieldError>();
        AddDuplicateKeyErrors(root, errors);
        var identifiers = new long?[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var path = "payload." + field.Name;
            if (!root.TryGetProperty(field.Name, out var value) || (!field.Required && value.ValueKind == JsonValueKind.Null))
            {
                if (field.Required) errors.Add(new FieldError(path, "is required"));
                continue;
            }

            switch (field.Kind)
            {
                case PayloadFieldKind.Identifier when Identifiers.TryRead(value, out var identifier):
                    identifiers[i] = identifier;
                    break;
                case PayloadFieldKind.Identifier:
                    errors.Add(new FieldError(path, "must be a non-negative integer, as a JSON number or a string of decimal digits"));
                    break;
                case PayloadFieldKind.Text when value.ValueKind != JsonValueKind.String:
                    errors.Add(new FieldError(path, "must be a string"));
                    break;
                case PayloadFieldKind.Enumeration when value.ValueKind != JsonValueKind.String || !field.AllowedValues!.Contains(value.GetString()):
                    errors.Add(new FieldError(path, "must be one of: " + string.Join(", ", field.AllowedValues!)));
                    break;
                default:
                    break;
            }
        }

        return new CheckedPayload(root, fields, identifiers, errors);
    }

    /// <summary>The normalised identifier to store for a documented identifier field, if it was valid.</summary>
    public bool TryGetIdentifier(JsonProperty property, out string name, out long identifier)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (identifiers[i] is { } value && property.NameEquals(fields[i].Name))
            {
                name = fields[i].Name;
                identifier = value;
                return true;
            }
        }

        name = "";
        identifier = 0;
        return false;
    }

    // Which of two values of one key the platform meant would be a guess.
    private static void AddDuplicateKeyErrors(JsonElement root, List<FieldError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? reported = null;
        foreach (var property in root.EnumerateObject())
        {
            if (!names.Add(property.Name) && (reported ??= new HashSet<string>(StringComparer.Ordinal)).Add(property.Name))
            {
                errors.Add(new FieldError("payload." + property.Name, "appears more than once"));
            }
        }
    }
}
