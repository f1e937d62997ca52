package io.pinconv.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * What a request without a valid login gets. curl, Hawtio and a browser opening the API get HTTP Basic's challenge
 * ({@code WWW-Authenticate}), so the browser shows its login dialog. The console's script marks its requests
 * ({@code X-Requested-With: XMLHttpRequest}) and gets a 401 without the challenge: it asks for the login in its own
 * form, and a wrong password must not pop the browser's dialog over it.
 */
final class LoginChallenge implements AuthenticationEntryPoint {

    static final String REALM = "pinterest-conversions";

    private final BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();

    LoginChallenge() {
        basic.setRealmName(REALM);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if ("XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            Responses.json(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "log in with a name and password this service knows");
        } else {
            basic.commence(request, response, e);
        }
    }
}
