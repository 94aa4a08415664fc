using HoopOrleans.Api;

var app = ApiApplication.Create(args);
app.Run();
