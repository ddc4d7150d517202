/// The script and stylesheet of live reload, served by `serve` at `/_evident/` and never part of a
/// built site. The script is what `LivePage` injects; the stylesheet styles its overlay and the
/// missing-page answer (the pages' policy forbids inline styles, so both are files).
enum LiveAssets {
    /// Listens to the events of the open page: `reload` when a rebuild changed its bytes, `failed`
    /// (the error, shown over the page) when a rebuild failed, `ok` when one works again. On any
    /// error it closes the stream and connects again after a pause that grows to 5 s, so it comes
    /// back after the server restarts; every connection carries the page's version, so the server
    /// tells a page that changed meanwhile to reload. A hidden tab closes its stream and opens it
    /// again when shown. Text goes in through `textContent` only.
    static let script = #"""
    // evident serve: live reload. Served by `evident serve` only; never part of a built site.
    (function () {
      "use strict";
      var script = document.currentScript;
      var version = (script && script.getAttribute("data-version")) || "";
      var url = "/_evident/events?page=" + encodeURIComponent(location.pathname) +
        "&version=" + encodeURIComponent(version);
      var pause = 250;
      var overlay = null;

      function stylesheet() {
        if (document.getElementById("evident-live-style")) { return; }
        var link = document.createElement("link");
        link.id = "evident-live-style";
        link.rel = "stylesheet";
        link.href = "/_evident/live.css";
        document.head.appendChild(link);
      }

      function show(message) {
        stylesheet();
        if (!overlay) {
          overlay = document.createElement("section");
          overlay.id = "evident-live-overlay";
          overlay.className = "evident-live-overlay";
          overlay.setAttribute("role", "alert");
          overlay.setAttribute("aria-label", "Rebuild failed");
          var title = document.createElement("h2");
          title.textContent = "Rebuild failed: this is the last good build of the page";
          var text = document.createElement("pre");
          var hint = document.createElement("p");
          hint.textContent = "Fix the file and save it: the page comes back by itself.";
          overlay.appendChild(title);
          overlay.appendChild(text);
          overlay.appendChild(hint);
          document.body.appendChild(overlay);
        }
        overlay.querySelector("pre").textContent = message;
      }

      function hide() {
        if (overlay) {
          overlay.remove();
          overlay = null;
        }
      }

      var source = null;
      var timer = null;

      function connect() {
        timer = null;
        if (source || document.hidden) { return; }
        var current = new EventSource(url);
        source = current;
        // A new stream tells what holds now: a failure still there comes again after this.
        current.addEventListener("open", function () {
          pause = 250;
          hide();
        });
        current.addEventListener("reload", function () {
          disconnect();
          location.reload();
        });
        current.addEventListener("failed", function (event) { show(event.data); });
        current.addEventListener("ok", hide);
        current.addEventListener("error", function () {
          disconnect();
          timer = setTimeout(connect, pause);
          pause = Math.min(pause * 2, 5000);
        });
      }

      function disconnect() {
        if (source) {
          source.close();
          source = null;
        }
        if (timer) {
          clearTimeout(timer);
          timer = null;
        }
      }

      // A hidden tab holds no connection (a browser allows six per server), and connects again
      // when shown: the version it sends makes it reload if the page changed meanwhile.
      document.addEventListener("visibilitychange", function () {
        if (document.hidden) { disconnect(); } else { connect(); }
      });

      connect();
    })();

    """#

    static let stylesheet = #"""
    /* evident serve: the overlay of a failed rebuild, and the page for a missing path. */
    .evident-live-overlay {
      position: fixed;
      inset: 0 0 auto 0;
      z-index: 2147483647;
      max-height: 80vh;
      overflow: auto;
      margin: 0;
      padding: 1rem 1.5rem;
      background: #5c0a0a;
      color: #fff;
      font: 1rem/1.4 system-ui, sans-serif;
      border-bottom: 4px solid #ff6b6b;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.4);
    }
    .evident-live-overlay h2 {
      margin: 0 0 0.5rem;
      font-size: 1.15rem;
      color: #fff;
    }
    .evident-live-overlay pre {
      margin: 0 0 0.5rem;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font: 0.95rem/1.4 ui-monospace, monospace;
      color: #fff;
      background: transparent;
    }
    .evident-live-overlay p {
      margin: 0;
      color: #fff;
    }
    .evident-live-missing {
      max-width: 60rem;
      margin: 2rem auto;
      padding: 0 1rem;
      font-family: system-ui, sans-serif;
    }
    .evident-live-problems li {
      margin: 0.5rem 0;
      overflow-wrap: anywhere;
    }
    .evident-live-rule {
      font-weight: bold;
    }

    """#
}
