// The interactive API documentation: Swagger UI (from the PyPI package swagger-ui-py, served
// by casefile at /static/swagger-ui/) over /api/v1/openapi.json. Loaded as a file, since the
// Content-Security-Policy allows no inline script.
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null, // no badge from validator.swagger.io: nothing leaves this server
  });
});
