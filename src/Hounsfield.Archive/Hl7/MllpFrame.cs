namespace Hounsfield.Archive.Hl7;

/// <summary>
/// One received MLLP block: its payload (at most the size limit), whether the block was longer than that
/// (the rest was discarded), and how many stray bytes preceded its start block.
/// </summary>
public sealed record MllpFrame(byte[] Payload, bool Oversized, int SkippedBytes);
