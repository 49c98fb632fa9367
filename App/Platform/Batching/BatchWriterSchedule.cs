namespace Boltly.Platform.Batching;

/// <summary>When <see cref="BatchWriterService{TWriter}"/> flushes one writer: every <see cref="Interval"/> (read from the
/// owning feature's options), and on shutdown when <see cref="FlushOnStop"/>.</summary>
public sealed record BatchWriterSchedule<TWriter>(TimeSpan Interval, bool FlushOnStop) where TWriter : class, IBatchWriter;
