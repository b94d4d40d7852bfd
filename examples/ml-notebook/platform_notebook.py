# A JupyterHub notebook on the platform (docs/extending.md, "Working with the ML stack"). Every address and
# credential comes from the environment JupyterHub gives each single-user pod; examples/guide's JupyterHubSpecTest
# checks that the spawner sets each variable read here.
# tag::notebook[]
import os

import boto3
import mlflow
import ray
from dask.distributed import Client

# MLflow: the tracking server in ml-platform; artifacts go through it to MinIO.
mlflow.set_tracking_uri(os.environ["MLFLOW_TRACKING_URI"])
mlflow.set_experiment("notebooks")

# MinIO: boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY itself (from the jupyter-s3-credentials Secret).
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT_URL"])
print([b["Name"] for b in s3.list_buckets()["Buckets"]])

# Dask and Ray: the schedulers in ml-platform.
dask = Client(os.environ["DASK_SCHEDULER_ADDRESS"])
ray.init(address=os.environ["RAY_ADDRESS"])

with mlflow.start_run():
    total = dask.submit(sum, range(1_000_000)).result()
    mlflow.log_metric("total", total)
# end::notebook[]
