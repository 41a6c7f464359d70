package dev.apitokens.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The pages' scripts, styles and icon, served from the bundle so that the UI needs no network but this server.
 * Only the files listed here are served (never a path built from the request), each with an ETag so browsers
 * revalidate cheaply after an upgrade.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("apitokens-ui-assets")
@HttpWhiteboardServletPattern(AssetServlet.PATTERN)
public class AssetServlet extends HttpServlet {

    static final String PATTERN = "/apitokens-ui/*";
    static final List<String> FILES = List.of("apitokens.css", "common.js", "profile.js", "admin.js", "admin-audit.js",
            "favicon.svg");

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    private record Asset(byte[] bytes, String type, String etag) {
    }

    private final transient Map<String, Asset> assets = new HashMap<>();

    public AssetServlet() {
        for (String file : FILES) {
            byte[] bytes = read(file);
            String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
            assets.put("/" + file, new Asset(bytes, type, "\"" + digest(bytes) + "\""));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Asset asset = request.getPathInfo() == null ? null : assets.get(request.getPathInfo());
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (asset == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("ETag", asset.etag());
        response.setHeader("Cache-Control", "no-cache");
        if (asset.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(asset.type());
        response.setContentLength(asset.bytes().length);
        response.getOutputStream().write(asset.bytes());
    }

    private static byte[] read(String file) {
        try (InputStream in = AssetServlet.class.getResourceAsStream("/ui/assets/" + file)) {
            if (in == null) {
                throw new IllegalStateException("asset " + file + " is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
