namespace Hounsfield.Archive.Worklist;

/// <summary>The Modality Worklist: the SCP, item expiry and the HL7 v2 order feed.</summary>
public sealed class WorklistOptions
{
    /// <summary>Offer the Modality Worklist Information Model - FIND SCP (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long after its scheduled start an item stays on the worklist (default 3 days; zero keeps items until removed).</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The port of the HL7 v2 MLLP listener that receives ORM^O01 orders (0 = no listener).</summary>
    public int MllpPort { get; set; }

    /// <summary>The address the MLLP listener binds (default all interfaces).</summary>
    public string MllpBindAddress { get; set; } = "0.0.0.0";

    /// <summary>The largest HL7 message accepted, in bytes; a longer one is answered AR and dropped (default 1 MiB).</summary>
    public int MaxHl7MessageBytes { get; set; } = 1024 * 1024;

    /// <summary>An MLLP connection silent this long is closed (default 5 minutes).</summary>
    public TimeSpan MllpIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most responses to one worklist C-FIND (0 = no limit).</summary>
    public int MaxResponses { get; set; }

    /// <summary>Match person names fuzzily, ignoring case and diacritics (<see cref="Query.FuzzySemanticMatching"/>; default false).</summary>
    public bool CaseInsensitivePersonNames { get; set; }

    /// <summary>
    /// Specific Character Set assumed for items that carry none (e.g. "ISO_IR 100"); empty for the default repertoire.
    /// Also the character set of HL7 messages whose MSH-18 is empty and whose bytes are not valid UTF-8.
    /// </summary>
    public string FallbackCharacterSet { get; set; } = "";

    /// <summary>Our application name in MSH-3 of HL7 acknowledgements.</summary>
    public string Hl7ApplicationName { get; set; } = "HOUNSFIELD";
}
