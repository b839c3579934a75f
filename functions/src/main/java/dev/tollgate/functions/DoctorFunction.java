package dev.tollgate.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.tollgate.monitor.Doctor;
import java.util.Optional;

/**
 * {@code GET /api/doctor} (function key required): runs {@link Doctor} with the app's own identity
 * and settings. Plain text, or JSON with {@code ?format=json}; 200 when nothing failed, else 503.
 */
public class DoctorFunction {

  @FunctionName("Doctor")
  public HttpResponseMessage run(
      @HttpTrigger(
              name = "request",
              methods = {HttpMethod.GET},
              authLevel = AuthorizationLevel.FUNCTION,
              route = "doctor")
          HttpRequestMessage<Optional<String>> request,
      final ExecutionContext context) {
    Doctor.Result result = Doctor.fromSettings(System.getenv()).run();
    boolean json = "json".equalsIgnoreCase(request.getQueryParameters().get("format"));
    return request
        .createResponseBuilder(result.healthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .header("Content-Type", json ? "application/json" : "text/plain; charset=utf-8")
        .body(json ? result.json() : result.text())
        .build();
  }
}
