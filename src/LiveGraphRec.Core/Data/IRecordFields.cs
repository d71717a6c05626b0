namespace LiveGraphRec.Core.Data;

/// <summary>One parsed record whose fields are read by schema ordinal.</summary>
internal interface IRecordFields
{
    /// <summary>
    /// The field's text; empty when an optional field is absent. Throws <see cref="DataFormatException"/>
    /// when a required field is absent from the record.
    /// </summary>
    ReadOnlySpan<char> this[int field] { get; }
}
