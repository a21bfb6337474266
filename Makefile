.PHONY: restore build test run clean
restore:
	dotnet restore StreamWorker.sln
build:
	dotnet build StreamWorker.sln -c Release
test:
	dotnet test StreamWorker.sln -c Release
run:
	dotnet run --project src/StreamWorker -c Release
clean:
	dotnet clean StreamWorker.sln
