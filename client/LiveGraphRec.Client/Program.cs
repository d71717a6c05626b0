using LiveGraphRec.Client;

return CommandLine.Build().Run(args);
