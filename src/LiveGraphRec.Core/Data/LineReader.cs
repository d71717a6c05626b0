using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace LiveGraphRec.Core.Data;

/// <summary>
/// Reads a text file line by line into one pooled char buffer, exposing each line as a span (valid until
/// the next read), and knows where it is so that parse errors can name the file and line.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private const int InitialBufferChars = 64 * 1024;

    private readonly StreamReader _reader;
    private char[] _buffer = ArrayPool<char>.Shared.Rent(InitialBufferChars);
    private int _pendingStart;  // first char not yet returned as part of a line
    private int _scanned;       // chars before this index (from _pendingStart) hold no '\n'
    private int _filled;
    private bool _endOfFile;
    private int _lineStart;
    private int _lineLength;

    public LineReader(string path)
    {
        Path = path;
        Report = new LoadReport(path);
        // The FileStream does no buffering of its own: StreamReader's buffer is the only copy needed.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        _reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: InitialBufferChars);
    }

    public string Path { get; }
    public LoadReport Report { get; }
    public long LineNumber => Report.LinesRead;

    /// <summary>The current line without its line terminator.</summary>
    public ReadOnlySpan<char> Current => _buffer.AsSpan(_lineStart, _lineLength);

    /// <summary>Advances to the next line that holds more than white space.</summary>
    public bool MoveNextNonBlank()
    {
        while (MoveNext())
        {
            if (!Current.IsWhiteSpace())
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Calls <paramref name="parseCurrent"/> for every remaining non-blank line and returns how many there were.
    /// With <paramref name="skipInvalid"/>, a line that fails with <see cref="DataFormatException"/> is counted
    /// in <see cref="Report"/> and skipped; parsers validate a whole line before adding anything, so a skipped
    /// line leaves nothing behind.
    /// </summary>
    public long ForEachLine(Action parseCurrent, bool skipInvalid)
    {
        long lines = 0;
        while (MoveNextNonBlank())
        {
            lines++;
            try
            {
                parseCurrent();
            }
            catch (DataFormatException error) when (skipInvalid)
            {
                Report.AddSkipped(error.Message);
            }
        }
        return lines;
    }

    public DataFormatException Error(string? field, ReadOnlySpan<char> value, string problem) =>
        new(Path, LineNumber, field, value.ToString(), problem);

    public DataFormatException Error(string? field, string problem) => new(Path, LineNumber, field, null, problem);

    public DataFormatException EmptyFile(string expected) =>
        new(Path, 0, null, null, $"the file has no records (expected {expected})");

    // Loaders run once per process; see LightGcnLoader.ParseLine.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool MoveNext()
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_scanned, _filled - _scanned).IndexOf('\n');
            if (newline >= 0)
            {
                int end = _scanned + newline;
                SetLine(_pendingStart, end);
                _pendingStart = _scanned = end + 1;
                return true;
            }
            _scanned = _filled;
            if (_endOfFile)
            {
                if (_pendingStart == _filled)
                {
                    return false;
                }
                SetLine(_pendingStart, _filled);  // last line without a terminator
                _pendingStart = _filled;
                return true;
            }
            Fill();
        }
    }

    private void SetLine(int start, int end)
    {
        if (end > start && _buffer[end - 1] == '\r')
        {
            end--;
        }
        _lineStart = start;
        _lineLength = end - start;
        Report.LinesRead++;
    }

    /// <summary>Moves the unfinished line to the front, grows the buffer if that line fills it, and reads more.</summary>
    private void Fill()
    {
        int pending = _filled - _pendingStart;
        if (pending == _buffer.Length)
        {
            char[] larger = ArrayPool<char>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(_pendingStart, pending).CopyTo(larger);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (_pendingStart > 0)
        {
            _buffer.AsSpan(_pendingStart, pending).CopyTo(_buffer);
        }
        _scanned -= _pendingStart;
        _pendingStart = 0;
        _filled = pending;

        int read = _reader.Read(_buffer, _filled, _buffer.Length - _filled);
        if (read == 0)
        {
            _endOfFile = true;
        }
        _filled += read;
    }

    public void Dispose()
    {
        _reader.Dispose();
        if (_buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
