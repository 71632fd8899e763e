using System.Buffers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Transforms.Onnx;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Transforms.Mapping;

/// <summary>
/// ONNX models applied one after the other to a float vector per row: stage k's output is stage k+1's input. Runs
/// blocks of rows through ONNX Runtime (thread-safe: concurrent cursors share the sessions) and describes the same
/// computation as an ML.NET chain of <c>ApplyOnnxModel</c> transforms, which is what a saved model holds.
/// </summary>
public sealed class OnnxPipeline : IDisposable
{
    private readonly InferenceSession[] _sessions;
    private bool _disposed;

    /// <param name="stages">The models, in order.</param>
    /// <param name="intraOpThreads">ONNX Runtime threads per run (0: its default, one per core).</param>
    public OnnxPipeline(IReadOnlyList<OnnxStage> stages, int intraOpThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Count == 0)
        {
            throw new ArgumentException("a pipeline needs at least one model", nameof(stages));
        }
        for (int i = 1; i < stages.Count; i++)
        {
            if (stages[i].InputName != stages[i - 1].OutputName || stages[i].InputLength != stages[i - 1].OutputLength)
            {
                throw new ArgumentException($"stage {i} ({stages[i].Source}) does not take stage {i - 1}'s output", nameof(stages));
            }
        }
        if (intraOpThreads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(intraOpThreads), intraOpThreads, "intra-op threads must be >= 0 (0: ONNX Runtime's default)");
        }
        Stages = stages;
        IntraOpThreads = intraOpThreads;
        _sessions = new InferenceSession[stages.Count];
        try
        {
            for (int i = 0; i < stages.Count; i++)
            {
                _sessions[i] = OnnxStage.Open(stages[i].Bytes, stages[i].Source, intraOpThreads);
            }
        }
        catch
        {
            foreach (var session in _sessions)
            {
                session?.Dispose();
            }
            throw;
        }
    }

    /// <summary>The models, in order.</summary>
    public IReadOnlyList<OnnxStage> Stages { get; }

    /// <summary>ONNX Runtime threads per run (0: its default).</summary>
    public int IntraOpThreads { get; }

    /// <summary>Floats per input row.</summary>
    public int InputLength => Stages[0].InputLength;

    /// <summary>Floats per output row.</summary>
    public int OutputLength => Stages[^1].OutputLength;

    /// <summary>Runs <paramref name="rows"/> rows (row-major in <paramref name="input"/>) and writes their outputs.</summary>
    public void Run(ReadOnlySpan<float> input, int rows, Span<float> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (input.Length != rows * InputLength || output.Length < rows * OutputLength)
        {
            throw new ArgumentException($"{rows} rows need {rows * InputLength} input and {rows * OutputLength} output values");
        }
        if (rows == 0)
        {
            return;
        }
        float[] current = ArrayPool<float>.Shared.Rent(input.Length);
        try
        {
            input.CopyTo(current);
            int length = input.Length;
            for (int s = 0; s < Stages.Count; s++)
            {
                var stage = Stages[s];
                using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, current.AsMemory(0, length), [rows, .. stage.InputShape]);
                using var runOptions = new RunOptions();
                using var results = _sessions[s].Run(runOptions, [stage.InputName], [value], [stage.OutputName]);
                var result = results[0].GetTensorDataAsSpan<float>();
                if (result.Length != rows * stage.OutputLength)
                {
                    throw new InvalidDataException($"{stage.Source}: output '{stage.OutputName}' has {result.Length} values for {rows} rows, expected {rows * stage.OutputLength}");
                }
                if (s == Stages.Count - 1)
                {
                    result.CopyTo(output);
                }
                else
                {
                    if (current.Length < result.Length)
                    {
                        ArrayPool<float>.Shared.Return(current);
                        current = ArrayPool<float>.Shared.Rent(result.Length);
                    }
                    result.CopyTo(current);
                    length = result.Length;
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(current);
        }
    }

    /// <summary>
    /// The same computation as ML.NET transforms: the input column is copied to the first stage's tensor name, each
    /// stage is an <c>ApplyOnnxModel</c>, the last output is copied to <paramref name="outputColumn"/> and the
    /// intermediate columns are dropped. Fitted on a schema holding only the input column (no data is read).
    /// </summary>
    public ITransformer FitChain(MLContext context, string inputColumn, string outputColumn)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chain = new EstimatorChain<ITransformer>()
            .Append<ITransformer>(context.Transforms.CopyColumns(Stages[0].InputName, inputColumn));
        foreach (var stage in Stages)
        {
            chain = chain.Append<ITransformer>(context.Transforms.ApplyOnnxModel(new OnnxOptions
            {
                // A content-addressed file, not a Stream: ML.NET leaves a temp copy behind for every Stream (OnnxModelFile).
                ModelFile = OnnxModelFile.For(stage.Bytes),
                InputColumns = [stage.InputName],
                OutputColumns = [stage.OutputName],
                IntraOpNumThreads = IntraOpThreads > 0 ? IntraOpThreads : null,
                InterOpNumThreads = 1,
            }));
        }
        chain = chain
            .Append<ITransformer>(context.Transforms.CopyColumns(outputColumn, Stages[^1].OutputName))
            .Append<ITransformer>(context.Transforms.DropColumns([Stages[0].InputName, .. Stages.Select(s => s.OutputName)]));
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(inputColumn, new VectorDataViewType(NumberDataViewType.Single, Stages[0].InputShape.Select(d => (int)d).ToArray()));
        return chain.Fit(new EmptyDataView(schema.ToSchema()));
    }

    /// <summary>Releases the ONNX Runtime sessions.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            foreach (var session in _sessions)
            {
                session.Dispose();
            }
        }
    }
}
