namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>Progress report after each generator iteration.</summary>
public readonly record struct TrainingProgress(int Iteration, int TotalIterations, double CriticLoss, double GeneratorLoss, double WassersteinEstimate);
