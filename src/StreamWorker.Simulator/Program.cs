Console.WriteLine("StreamWorker simulator");
