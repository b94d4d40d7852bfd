package io.rpik8s.examples.events.board;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;

/** What the app learnt from the events: {@code GET /apps}. */
@Path("/apps")
public class AppBoardResource {

    private final AppBoard board;

    public AppBoardResource(AppBoard board) {
        this.board = board;
    }

    @GET
    public List<AppState> all() {
        return board.all();
    }

    @GET
    @Path("/{namespace}/{name}")
    public AppState one(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return board.get(namespace, name).orElseThrow(() -> new NotFoundException("No event for " + namespace
                + "/" + name + " yet"));
    }
}
