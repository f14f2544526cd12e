using System.Collections.Concurrent;
using Microsoft.ML;

namespace Pulse.Analytics.Learning;

/// <summary>
/// Prediction engines (with whatever buffers go with them) for one trained model, shared by every
/// thread of a process. ML.NET's <see cref="PredictionEngine{TSrc,TDst}"/> is not thread-safe and costs a few hundred microseconds to
/// build, so engines are built on demand, lent to one caller at a time and kept for the next.
/// (<c>Microsoft.Extensions.ML</c>'s pool is not on the package registry here.)
/// </summary>
public sealed class EnginePool<TWorker>
    where TWorker : class
{
    private readonly ConcurrentBag<TWorker> _idle = [];
    private readonly Func<TWorker> _create;
    private readonly int _keep;

    /// <param name="create">Builds one engine.</param>
    /// <param name="keep">Engines kept when returned; more are dropped (a burst wider than the processor count).</param>
    public EnginePool(Func<TWorker> create, int? keep = null)
    {
        _create = create;
        _keep = keep ?? Environment.ProcessorCount * 2;
    }

    /// <summary>Engines built so far and now idle.</summary>
    public int Idle => _idle.Count;

    /// <summary>Runs <paramref name="use"/> with an engine lent for its duration.</summary>
    public TResult Use<TResult, TState>(TState state, Func<TWorker, TState, TResult> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        var engine = _idle.TryTake(out var idle) ? idle : _create();
        try
        {
            return use(engine, state);
        }
        finally
        {
            if (_idle.Count < _keep)
            {
                _idle.Add(engine);
            }
            else if (engine is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }
}
