using Microsoft.Extensions.Logging;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// Appends every Error and Critical entry of every test host to one file, <c>TestResults/host-errors.log</c>
/// (the folder test.sh writes its results to), so an unexpected 500 in a run leaves its stack trace behind
/// even though the hosts print only warnings and the test runner shows no host output.
/// </summary>
public sealed class HostErrorLog : ILoggerProvider
{
    private static readonly Lock Writing = new();

    /// <summary>test.sh's results folder when it runs the suite, else the test assembly's own folder.</summary>
    public static string FilePath { get; } = Path.Combine(
        System.Environment.GetEnvironmentVariable("BOLTLY_TEST_RESULTS") is { Length: > 0 } folder ? folder : AppContext.BaseDirectory,
        "host-errors.log");

    public ILogger CreateLogger(string categoryName) => new FileLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class FileLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var entry = $"{DateTimeOffset.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}{System.Environment.NewLine}{exception}{System.Environment.NewLine}";
            lock (Writing) File.AppendAllText(FilePath, entry);
        }
    }
}
