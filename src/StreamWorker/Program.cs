using StreamWorker.Hosting;

return await StreamWorkerApplication.RunAsync(args);
