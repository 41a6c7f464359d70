package dev.apitokens.e2e;

/** The cluster of two ({@link DataCenterContract}) on ONE MariaDB database. */
class DataCenterOnMariaDbIT extends DataCenterContract {

    DataCenterOnMariaDbIT() {
        super(TwoJiraNodes.Server.MARIADB, "apitokens_e2e_dc");
    }
}
