/// The script and stylesheet of live reload, served by `serve` at `/_evident/` and never part of a
/// built site. The script is what `LivePage` injects; the stylesheet styles its overlay and the
/// missing-page answer (the pages' policy forbids inline styles, so both are files).
enum LiveAssets {
    /// Keeps the page in step with the server. One tab per browser (the holder of the Web Lock
    /// `evident-live`) holds the event stream and passes each `change` to the other tabs on a
    /// BroadcastChannel: a browser opens at most six connections to one server, so a stream per
    /// tab would leave the seventh page waiting forever. On each `change`, and when the stream
    /// (re)connects, a page shown asks `/_evident/state` for its version (reloading when it
    /// differs from the one it has), whether the last rebuild failed, and whether evident.yml
    /// cannot be read (either shown over the page); a hidden page asks when it is shown again. The stream connects again after a
    /// pause that grows to 5 s, so it comes back after the server restarts. Text goes in through
    /// `textContent` only.
    static let script = #"""
    // evident serve: live reload. Served by `evident serve` only; never part of a built site.
    (function () {
      "use strict";
      var script = document.currentScript;
      var version = (script && script.getAttribute("data-version")) || "";
      var stateURL = "/_evident/state?page=" + encodeURIComponent(location.pathname);
      var pause = 250;
      var overlay = null;
      var stale = false;
      var asking = false;
      var again = false;

      function stylesheet() {
        if (document.getElementById("evident-live-style")) { return; }
        var link = document.createElement("link");
        link.id = "evident-live-style";
        link.rel = "stylesheet";
        link.href = "/_evident/live.css";
        document.head.appendChild(link);
      }

      function show(heading, message) {
        stylesheet();
        if (!overlay) {
          overlay = document.createElement("section");
          overlay.id = "evident-live-overlay";
          overlay.className = "evident-live-overlay";
          overlay.setAttribute("role", "alert");
          var title = document.createElement("h2");
          var text = document.createElement("pre");
          var hint = document.createElement("p");
          hint.textContent = "Fix the file and save it: the page comes back by itself.";
          overlay.appendChild(title);
          overlay.appendChild(text);
          overlay.appendChild(hint);
          document.body.appendChild(overlay);
        }
        overlay.setAttribute("aria-label", heading);
        overlay.querySelector("h2").textContent = heading;
        overlay.querySelector("pre").textContent = message;
      }

      function hide() {
        if (overlay) {
          overlay.remove();
          overlay = null;
        }
      }

      // Asks the server what holds now for this page; one question at a time, and one more if
      // a change came meanwhile. A hidden page asks once it is shown.
      function check() {
        if (document.hidden) { stale = true; return; }
        if (asking) { again = true; return; }
        asking = true;
        stale = false;
        fetch(stateURL, { cache: "no-store" }).then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        }).then(function (state) {
          if (version && state.version !== version) {
            location.reload();
            return;
          }
          if (document.querySelector(".evident-live-unbuilt")) {
            // The page of a site never built shows the error itself; it reloads when it changes.
            hide();
          } else if (typeof state.failed === "string") {
            show("Rebuild failed: this is the last good build of the page", state.failed);
          } else if (typeof state.configuration === "string") {
            show("evident.yml cannot be read: every page is built without it", state.configuration);
          } else {
            hide();
          }
          done();
        }).catch(done);
      }

      function done() {
        asking = false;
        if (again) {
          again = false;
          check();
        }
      }

      var channel = window.BroadcastChannel ? new BroadcastChannel("evident-live") : null;
      if (channel) { channel.onmessage = check; }

      function changed() {
        check();
        if (channel) { channel.postMessage("change"); }
      }

      // The stream of this browser: a `change` after every rebuild; a new connection may have
      // missed some (the server restarted), so it counts as one.
      function lead() {
        var source = new EventSource("/_evident/events");
        source.addEventListener("open", function () {
          pause = 250;
          changed();
        });
        source.addEventListener("change", changed);
        source.addEventListener("error", function () {
          source.close();
          setTimeout(lead, pause);
          pause = Math.min(pause * 2, 5000);
        });
      }

      document.addEventListener("visibilitychange", function () {
        if (!document.hidden && stale) { check(); }
      });

      // The lock is held until the page goes; then the next tab that asked for it leads.
      if (channel && navigator.locks) {
        navigator.locks.request("evident-live", function () {
          lead();
          return new Promise(function () {});
        });
      } else {
        lead();
      }
      check();
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
    .evident-live-error {
      padding: 1rem;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font: 0.95rem/1.4 ui-monospace, monospace;
      background: #5c0a0a;
      color: #fff;
    }

    """#
}
