using Microsoft.ML;

namespace QGan.MLNet.Transforms.Catalog;

/// <summary>
/// The single ML.NET entry point of the project: <c>mlContext.QGan()</c>. Sub-catalogs group the pieces the
/// way ML.NET does (<c>.Data</c>, <c>.Transforms</c>, <c>.Trainers</c>, <c>.Evaluators</c>); each feature adds its
/// methods as extension methods on the sub-catalog it belongs to, in the assembly that implements it.
/// </summary>
public static class QGanCatalogExtensions
{
    /// <summary>The QGan catalogs of <paramref name="mlContext"/>: <c>.Data</c>, <c>.Transforms</c>, <c>.Trainers</c>, <c>.Evaluators</c>.</summary>
    public static QGanCatalog QGan(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new QGanCatalog(mlContext);
    }
}

/// <summary>Root of the QGan catalogs for one <see cref="MLContext"/>.</summary>
public sealed class QGanCatalog
{
    internal QGanCatalog(MLContext mlContext)
    {
        Context = mlContext;
        Data = new QGanDataCatalog(mlContext);
        Transforms = new QGanTransformsCatalog(mlContext);
        Trainers = new QGanTrainersCatalog(mlContext);
        Evaluators = new QGanEvaluatorsCatalog(mlContext);
    }

    /// <summary>The ML.NET context the catalogs create components for.</summary>
    public MLContext Context { get; }

    /// <summary>SAT-4 loaders (MATLAB .mat, Kaggle CSV, PNG folders) and the synthetic data set.</summary>
    public QGanDataCatalog Data { get; }

    /// <summary>ONNX-backed transforms (latent encode/decode, FID feature extraction).</summary>
    public QGanTransformsCatalog Transforms { get; }

    /// <summary>Estimators that train models (autoencoder, WGAN-GP with quantum or classical generator).</summary>
    public QGanTrainersCatalog Trainers { get; }

    /// <summary>FID and JSD evaluators.</summary>
    public QGanEvaluatorsCatalog Evaluators { get; }
}

/// <summary>Base of the sub-catalogs: carries the <see cref="MLContext"/> for extension methods.</summary>
public abstract class QGanSubCatalog
{
    private protected QGanSubCatalog(MLContext mlContext) => Context = mlContext;

    /// <summary>The ML.NET context of the catalog.</summary>
    public MLContext Context { get; }
}

/// <summary>SAT-4 data loaders and the synthetic data set (<c>mlContext.QGan().Data</c>).</summary>
public sealed class QGanDataCatalog : QGanSubCatalog
{
    internal QGanDataCatalog(MLContext mlContext) : base(mlContext) { }
}

/// <summary>ONNX-backed transforms (<c>mlContext.QGan().Transforms</c>): latent encode/decode, feature extraction, exported generators.</summary>
public sealed class QGanTransformsCatalog : QGanSubCatalog
{
    internal QGanTransformsCatalog(MLContext mlContext) : base(mlContext) { }
}

/// <summary>Estimators that train models (<c>mlContext.QGan().Trainers</c>): autoencoder, quantum and classical GANs, the SAT-4 feature network.</summary>
public sealed class QGanTrainersCatalog : QGanSubCatalog
{
    internal QGanTrainersCatalog(MLContext mlContext) : base(mlContext) { }
}

/// <summary>FID and JSD evaluation of generated data (<c>mlContext.QGan().Evaluators</c>).</summary>
public sealed class QGanEvaluatorsCatalog : QGanSubCatalog
{
    internal QGanEvaluatorsCatalog(MLContext mlContext) : base(mlContext) { }
}
