namespace MarketSim.Data;

/// <summary>
/// A file that cannot be read as the format says: missing, damaged (a row cut short), or not matching its
/// manifest. The message is one line naming the file, and the line where there is one; the CLI exits with code 2.
/// </summary>
public sealed class DataFileException(string message) : Exception(message);
