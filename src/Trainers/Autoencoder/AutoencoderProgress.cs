namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>Progress of a training run, reported after every batch and at the end of every epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Configured number of epochs.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="LearningRate">The learning rate of the epoch.</param>
/// <param name="EpochMetrics">Set on the report that closes an epoch.</param>
public sealed record AutoencoderProgress(int Epoch, int Epochs, int Batch, int Batches, double LearningRate, AutoencoderEpochMetrics? EpochMetrics);

/// <summary>One row of <c>metrics.csv</c>.</summary>
public sealed record AutoencoderEpochMetrics(int Epoch, double TrainMse, double ValidationMse, double LearningRate, double Seconds);
