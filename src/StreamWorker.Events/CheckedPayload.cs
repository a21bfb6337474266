using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>
/// A payload object with its documented fields checked: the errors found, and each top-level property
/// with its normalised identifier when it is a valid documented identifier. An unknown event has no documented fields.
/// </summary>
internal sealed class CheckedPayload
{
    private static readonly Comparer<(string Name, int Index)> OrdinalThenReceived = Comparer<(string Name, int Index)>.Create(static (a, b) =>
    {
        var byName = string.CompareOrdinal(a.Name, b.Name);
        return byName != 0 ? byName : a.Index.CompareTo(b.Index);
    });

    private CheckedPayload(Entry[] properties, (string Name, int Index)[] sortedNames, List<FieldError> errors)
    {
        Properties = properties;
        SortedNames = sortedNames;
        Errors = errors;
    }

    /// <summary>The top-level properties in received order.</summary>
    public Entry[] Properties { get; }

    /// <summary>Indexes into <see cref="Properties"/>, by ordinal name, duplicates in received order: the canonical order.</summary>
    public (string Name, int Index)[] SortedNames { get; }

    public List<FieldError> Errors { get; }

    /// <summary>Checks <paramref name="root"/> against <paramref name="fields"/>; null fields for an unknown event (nothing checked).</summary>
    public static CheckedPayload Check(JsonElement root, PayloadField[]? fields, PersonalData personalData)
    {
        var properties = new List<Entry>();
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            properties.Add(PersonalData.IsPersonal(name)
                ? new Entry(name, property, null, IsPersonalData: true, personalData.Pseudonym(property.Value))
                : new Entry(name, property, null));
        }

        var entries = properties.ToArray();
        var sortedNames = new (string Name, int Index)[entries.Length];
        for (var i = 0; i < entries.Length; i++) sortedNames[i] = (entries[i].Name, i);
        Array.Sort(sortedNames, OrdinalThenReceived);

        var errors = new List<FieldError>();
        if (fields is not null)
        {
            AddDuplicateKeyErrors(sortedNames, errors);
            foreach (var field in fields) CheckField(field, entries, errors);
        }

        return new CheckedPayload(entries, sortedNames, errors);
    }

    private static void CheckField(PayloadField field, Entry[] entries, List<FieldError> errors)
    {
        var index = IndexOf(entries, field.Name);
        var value = index < 0 ? default : entries[index].Property.Value;
        var path = "payload." + field.Name;
        if (index < 0 || (!field.Required && value.ValueKind == JsonValueKind.Null))
        {
            if (field.Required) errors.Add(new FieldError(path, "is required"));
            return;
        }

        switch (field.Kind)
        {
            case PayloadFieldKind.Identifier when Identifiers.TryRead(value, out var identifier):
                entries[index] = entries[index] with { Identifier = identifier };
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

    private static int IndexOf(Entry[] entries, string name)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (string.Equals(entries[i].Name, name, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    // Which of two values of one key the platform meant would be a guess.
    private static void AddDuplicateKeyErrors((string Name, int Index)[] sortedNames, List<FieldError> errors)
    {
        for (var i = 1; i < sortedNames.Length; i++)
        {
            var name = sortedNames[i].Name;
            if (string.Equals(name, sortedNames[i - 1].Name, StringComparison.Ordinal)
                && (i < 2 || !string.Equals(name, sortedNames[i - 2].Name, StringComparison.Ordinal)))
            {
                errors.Add(new FieldError("payload." + name, "appears more than once"));
            }
        }
    }

    /// <summary>One top-level property; <see cref="Identifier"/> is set for a valid documented identifier.</summary>
    /// <summary>One top-level property; <see cref="Identifier"/> is set for a valid documented identifier,
    /// <see cref="Pseudonym"/> for a personal-data value (computed once, used for event_id and storage).</summary>
    internal readonly record struct Entry(string Name, JsonProperty Property, long? Identifier, bool IsPersonalData = false, string? Pseudonym = null);
}
