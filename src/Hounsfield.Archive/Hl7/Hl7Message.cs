namespace Hounsfield.Archive.Hl7;

/// <summary>A parsed HL7 v2 message: its delimiters and segments in order; see <see cref="Hl7Parser"/>.</summary>
public sealed class Hl7Message(Hl7Separators separators, IReadOnlyList<Hl7Segment> segments)
{
    /// <summary>The delimiters of MSH-1 and MSH-2.</summary>
    public Hl7Separators Separators { get; } = separators;

    /// <summary>Every segment, MSH first.</summary>
    public IReadOnlyList<Hl7Segment> Segments { get; } = segments;

    /// <summary>The message header.</summary>
    public Hl7Segment Header => Segments[0];

    /// <summary>MSH-9.1, e.g. ORM.</summary>
    public string MessageType => Header.Value(9, 1);

    /// <summary>MSH-9.2, e.g. O01.</summary>
    public string TriggerEvent => Header.Value(9, 2);

    /// <summary>MSH-10, echoed in MSA-2 of the acknowledgement.</summary>
    public string ControlId => Header.Value(10);

    /// <summary>MSH-12.1, e.g. 2.3.1.</summary>
    public string Version => Header.Value(12);

    /// <summary>The first segment with <paramref name="id"/>, or null.</summary>
    public Hl7Segment? Segment(string id) => Segments.FirstOrDefault(s => s.Id == id);

    /// <summary>Every segment with <paramref name="id"/>.</summary>
    public IEnumerable<Hl7Segment> All(string id) => Segments.Where(s => s.Id == id);
}
