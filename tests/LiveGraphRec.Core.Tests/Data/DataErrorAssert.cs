using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Tests.Data;

internal static class DataErrorAssert
{
    /// <summary>
    /// Asserts that loading throws a <see cref="DataFormatException"/> whose properties and message
    /// locate the problem at <paramref name="fileName"/>:<paramref name="line"/> (and the field, when given).
    /// </summary>
    public static DataFormatException Throws(Action load, string fileName, long line, string? field = null)
    {
        var error = Assert.Throws<DataFormatException>(load);
        Assert.Equal(fileName, Path.GetFileName(error.File));
        Assert.Equal(line, error.Line);
        Assert.StartsWith(line > 0 ? $"{fileName}:{line}: " : $"{fileName}: ", error.Message);
        if (field is not null)
        {
            Assert.Equal(field, error.Field);
            Assert.Contains($"field '{field}'", error.Message);
        }
        return error;
    }
}
