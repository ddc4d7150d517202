print("evident")
