using QGan.MLNet.Trainers.Production;

namespace QGan.MLNet.Cli.Inputs;

/// <summary>Opens a trained model folder for the production commands, reporting problems with the flags' names.</summary>
internal static class ProductionInputs
{
    /// <summary><see cref="GeneratorPackage.Open"/> with errors about its <c>model</c> / <c>autoencoder</c> parameters given as <c>--model</c> / <c>--autoencoder</c>.</summary>
    public static GeneratorPackage Open(string model, string? autoencoder)
    {
        try
        {
            return GeneratorPackage.Open(model, autoencoder);
        }
        catch (ArgumentException ex) when (ex.ParamName is "model" or "autoencoder")
        {
            var suffix = $" (Parameter '{ex.ParamName}')";
            var message = ex.Message.EndsWith(suffix, StringComparison.Ordinal) ? ex.Message[..^suffix.Length] : ex.Message;
            throw new ArgumentException($"--{ex.ParamName}: {message}", ex);
        }
    }
}
